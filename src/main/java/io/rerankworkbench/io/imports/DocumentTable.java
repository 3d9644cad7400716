package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.DocumentRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives documents their keys within one import: a document id seen with one text only is its own key; the same id
 * with another title or text (pasted lists numbered 1, 2, … per query; sloppy sources) gets {@code id#2},
 * {@code id#3}, …. The same id, title and text is one document however many queries have it.
 */
final class DocumentTable {

    private final Map<String, List<DocumentRecord>> byId = new HashMap<>();
    private final Map<String, DocumentRecord> byKey = new HashMap<>();
    private final Set<String> keys = new HashSet<>();

    /** The key of this document, adding it when new. */
    String keyFor(String id, String title, String text) {
        List<DocumentRecord> same = byId.get(id);
        if (same != null) {
            for (DocumentRecord d : same) {
                if (d.text().equals(text) && Objects.equals(d.title(), title)) {
                    return d.key();
                }
            }
        }
        String key = id;
        for (int n = 2; keys.contains(key); n++) {
            key = id + "#" + n;
        }
        DocumentRecord doc = new DocumentRecord(key, id, title, text);
        keys.add(key);
        byKey.put(key, doc);
        byId.computeIfAbsent(id, k -> new ArrayList<>(1)).add(doc);
        return key;
    }

    DocumentRecord get(String key) {
        return byKey.get(key);
    }
}
