package io.rerankworkbench.ui.labeling;

/**
 * One candidate as the labeling list shows it. Immutable: a change replaces the row in the list, so the list (and its
 * "unlabeled only" filter) sees it.
 *
 * @param seedIndex   position in the session's shuffled order
 * @param reveal      original rank and latest score, or empty while blind
 * @param grade       the grade (saved or being saved), or null
 * @param gradeLabel  the grade's name on the scale, or empty
 * @param note        the note, or null
 * @param notePending the note waits for a grade to be saved with
 * @param saving      a write of this row is under way
 */
public record CandidateRow(long documentId, String docId, String title, String text, int originalRank,
                           double score, int seedIndex, String reveal, Integer grade, String gradeLabel, String note,
                           boolean notePending, boolean saving) {

    public boolean labeled() {
        return grade != null;
    }

    CandidateRow withGrade(Integer newGrade, String newLabel, boolean nowSaving) {
        return new CandidateRow(documentId, docId, title, text, originalRank, score, seedIndex, reveal, newGrade,
                newLabel, note, notePending, nowSaving);
    }

    CandidateRow withNote(String newNote, boolean pending) {
        return new CandidateRow(documentId, docId, title, text, originalRank, score, seedIndex, reveal, grade,
                gradeLabel, newNote, pending, saving);
    }

    CandidateRow withReveal(String newReveal) {
        return new CandidateRow(documentId, docId, title, text, originalRank, score, seedIndex, newReveal, grade,
                gradeLabel, note, notePending, saving);
    }
}
