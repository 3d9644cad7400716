package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A project with two queries of six candidates each and one completed run of the first query. */
final class LabelingFixture {

    final ProjectStore store;
    final long q1;
    final long q2;

    LabelingFixture(Path file) throws Exception {
        store = ProjectStore.create(file);
        q1 = store.addQuery("q1", "what is the capital of france").id();
        q2 = store.addQuery("q2", "tallest mountain on earth").id();
        store.addCandidates(q1, List.of(
                new NewCandidate(1, "paris", "Paris", "Paris is the capital and most populous city of France, "
                        + "with an estimated population of over two million residents.", 14.2),
                new NewCandidate(2, "lyon", "Lyon", "Lyon is the third-largest city of France, at the confluence "
                        + "of the Rhône and the Saône.", 11.0),
                new NewCandidate(3, "versailles", null, "The Palace of Versailles was the principal royal "
                        + "residence of France from 1682 until the start of the French Revolution in 1789.", 9.5),
                new NewCandidate(4, "berlin", "Berlin", "Berlin is the capital and largest city of Germany.", 7.1),
                new NewCandidate(5, "france", "France", "France is a country in Western Europe. Its capital is "
                        + "Paris.", 6.0),
                new NewCandidate(6, "marseille", null, "Marseille is a port city in southern France.", 5.2)),
                ImportProgress.NONE);
        List<NewCandidate> mountains = new ArrayList<>();
        String[] names = {"everest", "k2", "kangchenjunga", "lhotse", "makalu", "denali"};
        for (int i = 0; i < names.length; i++) {
            mountains.add(new NewCandidate(i + 1, names[i], "About " + names[i] + "."));
        }
        store.addCandidates(q2, mountains, ImportProgress.NONE);
        List<ScoredCandidate> scored = new ArrayList<>();
        List<StoredCandidate> cands = store.candidates(q1);
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i).candidate();
            scored.add(new ScoredCandidate(c, 9.0 - i, i + 1, 0, Double.NaN, null));
        }
        store.recordRun(q1, new Ranking(new Query("q1", "what is the capital of france"), scored, "cross-encoder",
                "tiny", Duration.ofMillis(3)), null, null, Instant.now(), Instant.now(), RunStatus.COMPLETED);
    }
}
