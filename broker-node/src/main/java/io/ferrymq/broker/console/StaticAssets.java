package io.ferrymq.broker.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's pages, scripts and styles, served from the broker jar under
 * {@code /io/ferrymq/broker/console/web/}: {@code /console/} is {@code index.html},
 * {@code /console/NAME.EXT} is that file when NAME is lower-case letters, digits and dashes and EXT
 * one of html, js, css, svg (so no path reaches outside that directory). Stateless and thread-safe.
 */
public final class StaticAssets {

    static final String PREFIX = "/console/";
    private static final String ROOT = "/io/ferrymq/broker/console/web/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private StaticAssets() {
    }

    /** The resource a request path names, with its content type; empty when the path names none. */
    static Optional<Asset> resolve(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Asset(ROOT + name, TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
    }

    /** The file at {@code path}, or 404. */
    public static ConsoleResponse serve(String path) {
        Optional<Asset> asset = resolve(path);
        if (asset.isEmpty()) {
            return ConsoleResponse.text(404, "no such console file: " + path + "\n");
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(asset.get().resource())) {
            if (in == null) {
                return ConsoleResponse.text(404, "no such console file: " + path + "\n");
            }
            return new ConsoleResponse(200, asset.get().contentType(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + asset.get().resource(), e);
        }
    }

    /** A resource path and its content type. */
    record Asset(String resource, String contentType) {
    }
}
