package io.rerankworkbench.ui.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** Loads a feature's FXML with its controller and puts it in a scene with the app's and the feature's stylesheets. */
public final class FxmlScenes {

    private static final String APP_STYLESHEET = "/io/rerankworkbench/ui/app.css";

    private FxmlScenes() {
    }

    /**
     * @param anchor     a class in the feature's package; {@code fxml} and {@code stylesheet} are resolved next to it
     * @param controller the FXML's controller type and how to make it (with its view model)
     */
    public static <C> Scene load(Class<?> anchor, String fxml, Class<C> controllerType, Supplier<C> controller,
                                 String stylesheet, double width, double height) {
        Scene scene = new Scene(node(anchor, fxml, controllerType, controller), width, height);
        scene.getStylesheets().addAll(Resources.stylesheet(anchor, APP_STYLESHEET),
                Resources.stylesheet(anchor, stylesheet));
        return scene;
    }

    /**
     * A feature's FXML as a node to place inside another view, with the feature's stylesheet on it (the app's comes
     * from the scene it is put in).
     */
    public static <C> Parent node(Class<?> anchor, String fxml, Class<C> controllerType, Supplier<C> controller,
                                  String stylesheet) {
        Parent root = node(anchor, fxml, controllerType, controller);
        root.getStylesheets().add(Resources.stylesheet(anchor, stylesheet));
        return root;
    }

    private static <C> Parent node(Class<?> anchor, String fxml, Class<C> controllerType, Supplier<C> controller) {
        FXMLLoader loader = new FXMLLoader(Resources.url(anchor, fxml));
        loader.setControllerFactory(type -> {
            if (type == controllerType) {
                return controller.get();
            }
            throw new IllegalArgumentException("unexpected controller " + type + " in " + fxml);
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("could not load " + fxml, e);
        }
    }

    /** The app's stylesheet, for a scene made around a node from {@link #node}. */
    public static String appStylesheet(Class<?> anchor) {
        return Resources.stylesheet(anchor, APP_STYLESHEET);
    }
}
