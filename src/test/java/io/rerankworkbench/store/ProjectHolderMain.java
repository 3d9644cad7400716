package io.rerankworkbench.store;

import java.nio.file.Path;

/**
 * Child process for {@link ProjectLockIdentityTest}: opens the project named by its argument, prints {@code open;},
 * and keeps it open until its standard input closes.
 */
public final class ProjectHolderMain {

    private ProjectHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ProjectStore store = ProjectStore.open(Path.of(args[0]))) {
            System.out.println("open;");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        } catch (ProjectOpenException e) {
            System.out.println("refused;" + e.reason() + ";" + e.getMessage());
        }
    }
}
