package io.rerankworkbench.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The layer rules of ARCHITECTURE.md. */
@AnalyzeClasses(packages = "io.rerankworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true) // server, explain, eval and store arrive with later features
            .layer("Entry").definedBy("io.rerankworkbench")
            .layer("UI").definedBy("io.rerankworkbench.ui..")
            .layer("CLI").definedBy("io.rerankworkbench.cli..")
            .layer("Server").definedBy("io.rerankworkbench.server..")
            .layer("App").definedBy("io.rerankworkbench.app..")
            .layer("Rerank").definedBy("io.rerankworkbench.rerank..")
            .layer("Retrieve").definedBy("io.rerankworkbench.retrieve..")
            .layer("Explain").definedBy("io.rerankworkbench.explain..")
            .layer("Eval").definedBy("io.rerankworkbench.eval..")
            .layer("IO").definedBy("io.rerankworkbench.io..")
            .layer("Store").definedBy("io.rerankworkbench.store..")
            .layer("Core").definedBy("io.rerankworkbench.core..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("CLI").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Entry", "CLI", "UI")
            .whereLayer("App").mayOnlyBeAccessedByLayers("Entry", "UI", "CLI", "Server")
            .whereLayer("Rerank").mayOnlyBeAccessedByLayers("App", "UI", "CLI", "Server", "Explain", "Retrieve")
            .whereLayer("Retrieve").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Explain").mayOnlyBeAccessedByLayers("App", "UI", "CLI", "Server")
            .whereLayer("Eval").mayOnlyBeAccessedByLayers("App", "UI", "CLI", "Server")
            .whereLayer("IO").mayOnlyBeAccessedByLayers("App", "UI", "CLI", "Server")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("App", "UI", "CLI", "Server")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Entry", "UI", "CLI", "Server", "App", "Rerank", "Explain",
                    "Eval", "IO", "Store", "Retrieve");

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses()
            .that().resideOutsideOfPackages("io.rerankworkbench.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                    "org.kordamp.ikonli..")
            .because("only the ui layer may touch the toolkit (the CLI and server must run headless)");

    @ArchTest
    static final ArchRule uiUsesNoEnginesDirectly = noClasses()
            .that().resideInAPackage("io.rerankworkbench.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "ai.djl..", "okhttp3..",
                    "java.sql..", "io.rerankworkbench.rerank.local..", "io.rerankworkbench.rerank.remote..")
            .because("views reach models, HTTP and the database only through app services");

    @ArchTest
    static final ArchRule frontEndsUseNoEnginesDirectly = noClasses()
            .that().resideInAnyPackage("io.rerankworkbench.cli..", "io.rerankworkbench.server..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "ai.djl..", "java.sql..",
                    "io.rerankworkbench.rerank.local..", "io.rerankworkbench.rerank.remote..")
            .because("front ends reach models only through app services");

    @ArchTest
    static final ArchRule coreIsPure = noClasses()
            .that().resideInAPackage("io.rerankworkbench.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
                    "java.sql..", "ai.onnxruntime..", "okhttp3..", "com.fasterxml..")
            .because("core holds domain values only, no I/O");

    @ArchTest
    static final ArchRule runLaterOnlyInUiCommon = noClasses()
            .that().resideOutsideOfPackage("io.rerankworkbench.ui.common..")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("feature code gets FX-thread delivery from FxTaskRunner");

    @ArchTest
    static final ArchRule retrievalIndexHasNoHttp = noClasses()
            .that().resideInAPackage("io.rerankworkbench.retrieve.index..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "java.sql..")
            .because("the Lucene indexes work on files the app service hands them");

    @ArchTest
    static final ArchRule localEngineHasNoHttp = noClasses()
            .that().resideInAPackage("io.rerankworkbench.rerank.local..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "javafx..");

    @ArchTest
    static final ArchRule noLangchainInMainCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j..")
            .because("the bundled model's jar is used for its resources only");

    @ArchTest
    static final ArchRule noRawThreads = noClasses()
            .that().resideOutsideOfPackage("io.rerankworkbench.app..")
            .should().callConstructor(Thread.class, Runnable.class)
            .orShould().callConstructor(Thread.class, Runnable.class, String.class)
            .because("background work goes through the owned executors of AppContext");
}
