/**
 * The Evaluate panel's plots as self-contained JavaFX nodes: per-query bars of two rankers' difference, a measure
 * over cut-offs, score histograms by grade and grades per query. Each takes plain records from
 * {@code io.rerankworkbench.eval.plot}, shows a short message when it has nothing to draw and renders itself for a
 * PNG export ({@link io.rerankworkbench.ui.evaluate.chart.EvaluateChart#snapshot()}). Colours come from charts.css
 * (the theme's palette; grades in the labeling window's tones), so a light/dark switch recolours them.
 */
package io.rerankworkbench.ui.evaluate.chart;
