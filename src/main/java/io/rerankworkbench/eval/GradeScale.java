package io.rerankworkbench.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The grades an annotator may give, lowest first. A level's {@code grade} is the integer stored in
 * {@code judgments.grade} and the digit key that gives it, so grades are 0…9.
 *
 * <p>The JSON form is the one {@code docs/PROJECT_FORMAT.md} documents for {@code labeling_sessions.scale_json}:
 * {@code {"name": …, "ordinal": true, "levels": [{"grade": 0, "label": "not relevant"}, …]}}.
 *
 * @param ordinal whether the grades are ordered; selects weighted κ and ordinal α in agreement statistics
 */
public record GradeScale(String name, boolean ordinal, List<Level> levels) {

    /** One grade and what it means. */
    public record Level(int grade, String label) {
        public Level {
            Objects.requireNonNull(label, "label");
            if (grade < 0 || grade > 9) {
                throw new IllegalArgumentException("grades are single digits 0-9, was " + grade);
            }
        }
    }

    /** Binary relevance: 0 not relevant, 1 relevant. */
    public static final GradeScale BINARY = new GradeScale("binary", true, List.of(
            new Level(0, "not relevant"), new Level(1, "relevant")));

    /** The four-level scale of TREC-style graded judgments. */
    public static final GradeScale GRADED_0_3 = new GradeScale("graded 0-3", true, List.of(
            new Level(0, "not relevant"), new Level(1, "related"), new Level(2, "relevant"),
            new Level(3, "highly relevant")));

    /**
     * The five-level scale of web search judgments. Its labels are the ones the Yahoo! Learning to Rank Challenge
     * and the Microsoft MSLR-WEB data sets use for grades 0-4, so judgments exported from here line up with those
     * collections and with the guidelines analysts already know.
     */
    public static final GradeScale GRADED_0_4 = new GradeScale("graded 0-4", true, List.of(
            new Level(0, "bad"), new Level(1, "fair"), new Level(2, "good"), new Level(3, "excellent"),
            new Level(4, "perfect")));

    private static final ObjectMapper JSON = new ObjectMapper();

    public GradeScale {
        Objects.requireNonNull(name, "name");
        levels = List.copyOf(levels);
        if (levels.size() < 2) {
            throw new IllegalArgumentException("a scale needs at least two levels, had " + levels.size());
        }
        Set<Integer> seen = new HashSet<>();
        int previous = -1;
        for (Level level : levels) {
            if (!seen.add(level.grade())) {
                throw new IllegalArgumentException("grade " + level.grade() + " appears twice");
            }
            if (level.grade() < previous) {
                throw new IllegalArgumentException("levels must be listed lowest grade first");
            }
            previous = level.grade();
        }
    }

    /** The built-in scales, in the order a chooser offers them. */
    public static List<GradeScale> builtIns() {
        return List.of(BINARY, GRADED_0_3, GRADED_0_4);
    }

    /**
     * A scale with the user's own level names, graded 0, 1, 2, … in the order given.
     *
     * @throws IllegalArgumentException for fewer than 2 or more than 10 labels, or a blank label
     */
    public static GradeScale custom(String name, boolean ordinal, List<String> labels) {
        if (labels.size() > 10) {
            throw new IllegalArgumentException("at most 10 levels (one per digit key), had " + labels.size());
        }
        List<Level> levels = new ArrayList<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("level " + levels.size() + " has no name");
            }
            levels.add(new Level(levels.size(), label.strip()));
        }
        return new GradeScale(name, ordinal, levels);
    }

    /** The level of {@code grade}, if the scale has it. */
    public Optional<Level> level(int grade) {
        return levels.stream().filter(l -> l.grade() == grade).findFirst();
    }

    public boolean contains(int grade) {
        return level(grade).isPresent();
    }

    /** The label of {@code grade}, or the number itself for a grade the scale does not name. */
    public String label(int grade) {
        return level(grade).map(Level::label).orElse(String.valueOf(grade));
    }

    /** The grades, lowest first. */
    public List<Integer> grades() {
        return levels.stream().map(Level::grade).toList();
    }

    /** The JSON text stored in {@code labeling_sessions.scale_json}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("ordinal", ordinal);
        ArrayNode array = root.putArray("levels");
        for (Level level : levels) {
            array.addObject().put("grade", level.grade()).put("label", level.label());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a scale as JSON", e);
        }
    }

    /**
     * Reads a scale's JSON. {@code ordinal} defaults to true when absent; a level without a {@code grade} gets its
     * position.
     *
     * @throws IllegalArgumentException when the text is not such a scale
     */
    public static GradeScale fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a grade scale: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("levels").isArray()) {
            throw new IllegalArgumentException("not a grade scale: expected an object with a \"levels\" array");
        }
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : root.get("levels")) {
            int grade = level.has("grade") ? level.get("grade").asInt() : levels.size();
            levels.add(new Level(grade, level.path("label").asText(String.valueOf(grade))));
        }
        return new GradeScale(root.path("name").asText("custom"), root.path("ordinal").asBoolean(true), levels);
    }
}
