import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar that carries native libraries for several platforms, keeping only one platform's folder.
 * Run with the JDK's source launcher (no build step, works the same on Linux, macOS and Windows):
 *
 * <pre>java StripNatives.java IN.jar OUT.jar ROOT KEEP [--libraries-only]</pre>
 *
 * Every entry under {@code ROOT} that lies in a sub-folder other than {@code KEEP} is left out; files directly in
 * {@code ROOT} (e.g. a version file) and everything outside it are copied unchanged. With {@code --libraries-only}
 * only native library files ({@code .so}, {@code .dll}, {@code .dylib}, {@code .jnilib}, {@code .a}) are left out,
 * for jars whose platform folders sit beside class packages (JNA's {@code com/sun/jna/linux-x86-64/} next to
 * {@code com/sun/jna/ptr/}). Fails, writing nothing, when the jar holds no file under {@code ROOT + KEEP}: a package
 * without its platform's library would only fail on the user's machine.
 */
public final class StripNatives {

    private static final java.util.regex.Pattern NATIVE_LIBRARY =
            java.util.regex.Pattern.compile("\\.(so|dll|dylib|jnilib|a)$");

    public static void main(String[] args) throws IOException {
        boolean librariesOnly = args.length == 5 && args[4].equals("--libraries-only");
        if (args.length != 4 && !librariesOnly) {
            System.err.println("usage: java StripNatives.java IN.jar OUT.jar ROOT/ KEEP/ [--libraries-only]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String root = withSlash(args[2]);
        String keep = withSlash(args[3]);
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        int kept = 0;
        List<String> dropped = new ArrayList<>();
        try (ZipFile zip = new ZipFile(in.toFile());
             OutputStream file = Files.newOutputStream(partial);
             ZipOutputStream jar = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(root)) {
                    String rest = name.substring(root.length());
                    boolean inSubFolder = rest.indexOf('/') >= 0;
                    boolean candidate = !librariesOnly || NATIVE_LIBRARY.matcher(rest).find();
                    if (candidate && inSubFolder && !rest.startsWith(keep) && !keep.startsWith(rest)) {
                        dropped.add(rest);
                        continue;
                    }
                    if (rest.startsWith(keep) && !entry.isDirectory()) {
                        kept++;
                    }
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                if (entry.getComment() != null) {
                    copy.setComment(entry.getComment());
                }
                jar.putNextEntry(copy);
                try (InputStream data = zip.getInputStream(entry)) {
                    data.transferTo(jar);
                }
                jar.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        if (kept == 0) {
            Files.deleteIfExists(partial);
            System.err.println(in.getFileName() + ": no files under " + root + keep
                    + " — is this platform supported by the library?");
            System.exit(1);
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long files = dropped.stream().filter(n -> !n.endsWith("/")).count();
        System.out.printf("%s: kept %s%s (%d files), left out %d files for other platforms (%d → %d KB)%n",
                in.getFileName(), root, keep, kept, files, Files.size(in) / 1024, Files.size(out) / 1024);
    }

    private static String withSlash(String folder) {
        String f = folder.replace('\\', '/');
        return f.endsWith("/") ? f : f + "/";
    }
}
