package io.rerankworkbench.cli;

/** TEMPORARY */
public interface GuiLauncher { void launch(long exitAfterMillis); }
