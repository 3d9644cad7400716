package io.rerankworkbench.cli;

/** Child process for {@link ImportKillTest}: runs the command line ({@code project import …}) and exits with its code. */
public final class ImportChildMain {

    private ImportChildMain() {
    }

    public static void main(String[] args) {
        System.out.println("started;");
        System.out.flush();
        System.exit(Cli.execute(args, new CliRun.FakeGui()));
    }
}
