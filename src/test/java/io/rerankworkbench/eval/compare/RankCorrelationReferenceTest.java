package io.rerankworkbench.eval.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * τ-b and ρ against scipy ({@code rank-correlation-reference.json}, written by
 * {@code src/test/python/rank_correlation_reference.py}), and the O(n log n) τ-b against the O(n²) definition.
 */
class RankCorrelationReferenceTest {

    private static final double EPS = 1e-12;

    private static JsonNode reference() throws IOException {
        try (InputStream in = RankCorrelationReferenceTest.class.getResourceAsStream(
                "rank-correlation-reference.json")) {
            assertThat(in).as("the committed scipy fixture").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static RankedList list(JsonNode node) {
        List<String> ids = new ArrayList<>();
        node.get("ids").forEach(id -> ids.add(id.asText()));
        JsonNode keys = node.get("keys");
        if (keys == null || keys.isNull()) {
            return RankedList.strict(ids);
        }
        double[] k = new double[ids.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i).asDouble();
        }
        return RankedList.scored(ids, k);
    }

    @Test
    void tauBAndRhoEqualScipy() throws IOException {
        JsonNode cases = reference().get("cases");
        assertThat(cases.size()).isGreaterThan(100);
        int defined = 0;
        int withTies = 0;
        for (JsonNode c : cases) {
            RankedList a = list(c.get("a"));
            RankedList b = list(c.get("b"));
            ListAgreement r = ListAgreements.compare(a, b, 10, 0.9);
            String what = "case with " + a.size() + " and " + b.size() + " documents";
            assertThat(r.shared()).as(what).isEqualTo(c.get("shared").asInt());
            if (c.get("tau_b").isNull()) {
                assertThat(r.kendallTauB()).as(what).isNaN();
                assertThat(r.spearmanRho()).as(what).isNaN();
            } else {
                defined++;
                if (a.tieKeys() != null || b.tieKeys() != null) {
                    withTies++;
                }
                assertThat(r.kendallTauB()).as(what).isCloseTo(c.get("tau_b").asDouble(), within(EPS));
                assertThat(r.spearmanRho()).as(what).isCloseTo(c.get("rho").asDouble(), within(EPS));
            }
        }
        assertThat(defined).isGreaterThan(50);
        assertThat(withTies).isGreaterThan(30);
    }

    @Test
    void knightsAlgorithmEqualsTheQuadraticDefinition() {
        Random random = new Random(1234);
        for (int round = 0; round < 300; round++) {
            int pool = 2 + random.nextInt(150);
            RankedList a = randomList(random, pool);
            RankedList b = randomList(random, pool);
            double expected = naiveTauB(a, b);
            double actual = ListAgreements.kendallTauB(a, b);
            if (Double.isNaN(expected)) {
                assertThat(actual).as(a + " vs " + b).isNaN();
            } else {
                assertThat(actual).as(a + " vs " + b).isCloseTo(expected, within(EPS));
            }
        }
    }

    /** Some of {@code pool} documents, shuffled, with scores from a few levels (so ties) or none. */
    private static RankedList randomList(Random random, int pool) {
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            docs.add("d" + i);
        }
        Collections.shuffle(docs, random);
        List<String> ids = docs.subList(0, random.nextInt(pool + 1));
        if (random.nextInt(4) == 0) {
            return RankedList.strict(ids);
        }
        int levels = 1 + random.nextInt(12);
        double[] keys = new double[ids.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt(levels);
        }
        java.util.Arrays.sort(keys);
        for (int i = 0; i < keys.length / 2; i++) { // best first
            double t = keys[i];
            keys[i] = keys[keys.length - 1 - i];
            keys[keys.length - 1 - i] = t;
        }
        return RankedList.scored(ids, keys);
    }

    /** τ-b by its definition: every pair of shared documents, tie groups read from neighbouring equal keys. */
    private static double naiveTauB(RankedList a, RankedList b) {
        Map<String, Integer> groupA = groups(a);
        Map<String, Integer> groupB = groups(b);
        List<String> shared = new ArrayList<>();
        for (String id : a.ids()) {
            if (groupB.containsKey(id)) {
                shared.add(id);
            }
        }
        long concordant = 0;
        long discordant = 0;
        long tiedA = 0;
        long tiedB = 0;
        long pairs = 0;
        for (int i = 0; i < shared.size(); i++) {
            for (int j = i + 1; j < shared.size(); j++) {
                pairs++;
                int da = Integer.compare(groupA.get(shared.get(i)), groupA.get(shared.get(j)));
                int db = Integer.compare(groupB.get(shared.get(i)), groupB.get(shared.get(j)));
                if (da == 0) {
                    tiedA++;
                }
                if (db == 0) {
                    tiedB++;
                }
                if (da != 0 && db != 0) {
                    if (da == db) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        if (shared.size() < 2 || tiedA == pairs || tiedB == pairs) {
            return Double.NaN;
        }
        return (concordant - discordant) / Math.sqrt((double) (pairs - tiedA) * (pairs - tiedB));
    }

    private static Map<String, Integer> groups(RankedList list) {
        Map<String, Integer> groups = new HashMap<>();
        int group = 0;
        for (int i = 0; i < list.size(); i++) {
            if (i > 0 && !list.tiesWithNext(i - 1)) {
                group++;
            }
            groups.put(list.id(i), group);
        }
        return groups;
    }
}
