package io.rerankworkbench.cli;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns SIGTERM and SIGINT (Ctrl+C) into a call of {@code stop} while a long-running command serves, so it can end
 * normally and exit 0. Left to the JVM, these signals run the shutdown hooks and end the process with 143 or 130
 * whatever the command does.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported, in the packaged runtime) is the JDK's only signal API. It is
 * reached by reflection so the build does not warn about an internal API on every compile. Where a signal cannot be
 * handled (e.g. {@code -Xrs}, or a JDK without the class) the JVM's own handling and the command's shutdown hook
 * remain.
 */
final class StopSignals {

    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());
    private static final String[] NAMES = {"TERM", "INT"};

    private final Method handle;
    private final Map<Object, Object> previous;

    private StopSignals(Method handle, Map<Object, Object> previous) {
        this.handle = handle;
        this.previous = previous;
    }

    static StopSignals install(Runnable stop) {
        Map<Object, Object> previous = new LinkedHashMap<>();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            stop.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "StopSignals handler";
                    });
            for (String name : NAMES) {
                try {
                    Object signal = signalClass.getConstructor(String.class).newInstance(name);
                    previous.put(signal, handle.invoke(null, signal, handler));
                } catch (InvocationTargetException e) {
                    LOG.log(Level.DEBUG, () -> "SIG" + name + " is left to the JVM: " + e.getCause());
                }
            }
            return new StopSignals(handle, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Signals are left to the JVM: " + e);
            return new StopSignals(null, previous);
        }
    }

    /** Gives the signals back to whoever handled them before. */
    void restore() {
        if (handle == null) {
            return;
        }
        previous.forEach((signal, handler) -> {
            try {
                handle.invoke(null, signal, handler);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "Could not restore " + signal + ": " + e);
            }
        });
    }
}
