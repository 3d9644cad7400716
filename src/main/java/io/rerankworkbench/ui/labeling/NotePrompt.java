package io.rerankworkbench.ui.labeling;

import java.util.Optional;

/** Asks for a candidate's note (a small dialog in the app; a scripted answer in tests). Called on the FX thread. */
@FunctionalInterface
public interface NotePrompt {

    /**
     * @param candidate how to name the candidate in the dialog
     * @param current   the note so far, or null
     * @return the new note (empty text clears it), or empty when the user cancelled
     */
    Optional<String> ask(String candidate, String current);
}
