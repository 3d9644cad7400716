package io.rerankworkbench.eval;

import java.util.List;
import java.util.Map;

/**
 * Agreement of a set of queries: overall, per query (in the order the queries were given) and the items the
 * annotators disagree on, widest spread first.
 */
public record AgreementReport(AgreementSummary overall, Map<Long, AgreementSummary> perQuery,
                              List<Conflict> conflicts) {
    public AgreementReport {
        perQuery = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perQuery));
        conflicts = List.copyOf(conflicts);
    }
}
