package io.rerankworkbench.eval.compare;

import java.util.Objects;

/** The agreement of two rankings of one query. */
public record QueryAgreement(String queryId, ListAgreement agreement) {
    public QueryAgreement {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(agreement, "agreement");
    }
}
