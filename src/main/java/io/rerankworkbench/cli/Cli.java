package io.rerankworkbench.cli;

/** TEMPORARY local placeholder until the cli branch is merged. */
public final class Cli {
    public static final int GUI_EXITED = Integer.MIN_VALUE;
    public static int execute(String[] args, GuiLauncher gui) {
        long exit = args.length == 2 ? Long.parseLong(args[1]) : 0;
        gui.launch(exit);
        return GUI_EXITED;
    }
}
