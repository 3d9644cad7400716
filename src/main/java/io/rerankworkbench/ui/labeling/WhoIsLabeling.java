package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.property.StringProperty;

import java.util.Optional;

/**
 * Who is labeling on this computer. The first time the labeling window opens it asks, so grades do not go under an
 * account name like "root"; the answer is remembered and prefills the start form's Annotator field from then on, where
 * it can be changed (a session remembers the name it was started under). A session is never started under no name:
 * agreement tells annotators apart by name.
 */
final class WhoIsLabeling {

    /** The dialog's title. */
    static final String QUESTION = "Who is labeling?";
    static final String PROMPT = "Your name, as your grades and the agreement figures will show it:";

    private final TaskRunner tasks;
    private final LabelingService service;
    private final DialogService dialogs;
    private final StringProperty annotator;
    private final StringProperty errorText;

    /**
     * @param annotator the start form's Annotator field
     * @param errorText where a failure to remember the name is reported
     */
    WhoIsLabeling(TaskRunner tasks, LabelingService service, DialogService dialogs, StringProperty annotator,
                  StringProperty errorText) {
        this.tasks = tasks;
        this.service = service;
        this.dialogs = dialogs;
        this.annotator = annotator;
        this.errorText = errorText;
    }

    /** The window has read what this computer knows: prefill the remembered name, or ask for one. */
    void opened(LabelingService.Annotator known) {
        if (known.remembered()) {
            prefill(known.name());
            return;
        }
        Optional<String> answer = ask(known.name());
        prefill(answer.orElse(known.name()));
        answer.ifPresent(name -> tasks.submit(BackgroundTask.of("remember the annotator", Lane.IO, (p, c) -> {
                    service.rememberAnnotator(name);
                    return name;
                })
                .onFailure(e -> errorText.set("Could not remember the name " + name + " for next time: "
                        + e.getMessage()))));
    }

    /** Whether the form names who is labeling, asking when it does not; false when the user would not say. */
    boolean named() {
        if (!annotator.get().isBlank()) {
            return true;
        }
        Optional<String> answer = ask("");
        answer.ifPresent(annotator::set);
        return answer.isPresent();
    }

    private Optional<String> ask(String initial) {
        return dialogs.askText(QUESTION, PROMPT, initial).map(String::strip).filter(name -> !name.isEmpty());
    }

    private void prefill(String name) {
        if (annotator.get().isBlank()) {
            annotator.set(name);
        }
    }
}
