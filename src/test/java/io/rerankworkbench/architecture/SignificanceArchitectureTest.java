package io.rerankworkbench.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The significance statistics are arithmetic only: the panel, the CLI and the tests share one implementation. */
@AnalyzeClasses(packages = "io.rerankworkbench.eval.significance", importOptions = ImportOption.DoNotIncludeTests.class)
class SignificanceArchitectureTest {

    @ArchTest
    static final ArchRule significanceIsPure = noClasses()
            .that().resideInAPackage("io.rerankworkbench.eval.significance..")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..",
                    "javafx..", "com.fasterxml..", "okhttp3..", "io.rerankworkbench.store..", "io.rerankworkbench.io..",
                    "io.rerankworkbench.app..", "io.rerankworkbench.ui..")
            .because("the significance tests take per-query values and return numbers: no toolkit, database or I/O");
}
