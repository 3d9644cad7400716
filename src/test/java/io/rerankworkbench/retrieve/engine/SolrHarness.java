package io.rerankworkbench.retrieve.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Solr 9 over HTTP on a free loopback port, in this JVM, with one core {@code docs} (schema and config in
 * {@code src/test/resources/solr-home}).
 *
 * <p>Why a class loader of its own: Solr 9 runs on Jetty 10 and the app (the {@code serve} command) on Jetty 12, and
 * Maven keeps one version per artifact, so the pom keeps Solr's Jetty off the class path and copies the Jetty 10 jars
 * (with the commons-io/codec versions Solr wants) to {@code target/solr-lib}. Solr is loaded here from the test class
 * path with every jar whose artifact has a copy in {@code target/solr-lib} swapped for that copy, under the platform
 * class loader (so nothing of the test's own class path leaks in), and reached by reflection. Its threads inherit the
 * context class loader set while it starts.
 */
final class SolrHarness implements AutoCloseable {

    /** {@code name-1.2.3.jar} → {@code name}: the artifact a jar file holds. */
    private static final Pattern ARTIFACT = Pattern.compile("(.+?)-\\d[^-]*(-[A-Za-z0-9_.]+)?\\.jar");
    /** Solr's and its libraries' loggers: quiet unless something is really wrong. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private final URLClassLoader loader;
    private final Object runner;
    private final String baseUrl;

    private SolrHarness(URLClassLoader loader, Object runner, String baseUrl) {
        this.loader = loader;
        this.runner = runner;
        this.baseUrl = baseUrl;
    }

    /** Starts Solr with a copy of the test solr home in {@code workDir}. */
    static SolrHarness start(Path workDir) throws Exception {
        quietLogs();
        Path home = copyHome(workDir.resolve("solr-home"));
        System.setProperty("solr.log.dir", workDir.resolve("logs").toString());
        URLClassLoader loader = new URLClassLoader("solr", classPath(), ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> configClass = loader.loadClass("org.apache.solr.embedded.JettyConfig");
            Object builder = configClass.getMethod("builder").invoke(null);
            builder = builder.getClass().getMethod("setPort", int.class).invoke(builder, 0);
            builder = builder.getClass().getMethod("stopAtShutdown", boolean.class).invoke(builder, true);
            Object config = builder.getClass().getMethod("build").invoke(builder);
            Class<?> runnerClass = loader.loadClass("org.apache.solr.embedded.JettySolrRunner");
            Object runner = runnerClass.getConstructor(String.class, configClass).newInstance(home.toString(), config);
            runnerClass.getMethod("start").invoke(runner);
            String base = runnerClass.getMethod("getBaseUrl").invoke(runner).toString();
            return new SolrHarness(loader, runner, base);
        } catch (InvocationTargetException e) {
            loader.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234/solr}. */
    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            runner.getClass().getMethod("stop").invoke(runner);
        } catch (ReflectiveOperationException e) {
            throw new IOException("Solr did not stop cleanly", e.getCause() != null ? e.getCause() : e);
        } finally {
            thread.setContextClassLoader(before);
            loader.close();
        }
    }

    private static URL[] classPath() throws IOException {
        Path lib = Paths.get(System.getProperty("basedir", "."), "target", "solr-lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: run `mvn process-test-classes` (the pom copies Solr's "
                    + "Jetty 10 there)");
        }
        List<Path> replacements;
        try (Stream<Path> jars = Files.list(lib)) {
            replacements = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Set<String> replaced = new HashSet<>();
        replacements.forEach(p -> replaced.add(artifact(p)));
        List<URL> urls = new ArrayList<>();
        for (Path p : replacements) {
            urls.add(url(p));
        }
        // surefire starts tests from a manifest-only jar; the real class path is in this property.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Paths.get(entry);
            String name = p.getFileName().toString();
            boolean jetty12 = name.startsWith("jetty-") && name.matches(".*-12\\.[0-9.]+\\.jar");
            if (jetty12 || (name.endsWith(".jar") && replaced.contains(artifact(p)))) {
                continue;
            }
            urls.add(url(p));
        }
        return urls.toArray(URL[]::new);
    }

    private static String artifact(Path jar) {
        Matcher m = ARTIFACT.matcher(jar.getFileName().toString());
        return m.matches() ? m.group(1) : jar.getFileName().toString();
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyHome(Path home) throws IOException {
        for (String file : List.of("solr.xml", "docs/core.properties", "docs/conf/solrconfig.xml",
                "docs/conf/schema.xml")) {
            Path target = home.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = SolrHarness.class.getResourceAsStream("/solr-home/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("resource not found: /solr-home/" + file);
                }
                Files.copy(in, target);
            }
        }
        return home;
    }

    /**
     * Solr logs through SLF4J, bound to java.util.logging on the test class path. Off: the error tests make Solr log
     * whole stack traces for requests that fail on purpose, and the client's message is what the tests check.
     */
    private static synchronized void quietLogs() {
        if (!QUIET.isEmpty()) {
            return;
        }
        for (String name : List.of("org.apache.solr", "org.eclipse.jetty", "org.apache.zookeeper", "org.glassfish",
                "org.apache.lucene", "org.apache.http")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(name.equals("org.apache.solr") ? Level.OFF : Level.SEVERE);
            QUIET.add(logger);
        }
    }
}
