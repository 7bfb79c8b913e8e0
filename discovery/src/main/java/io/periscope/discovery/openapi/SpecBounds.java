package io.periscope.discovery.openapi;

/**
 * Bounds on an imported API document, so a small hostile document cannot cost much CPU or memory.
 *
 * @param maxBytes   the largest document, in UTF-8 bytes ({@code periscope.api.max-spec-bytes}); it also bounds
 *                   every string, the YAML code points and the JSON document length
 * @param maxDepth   the deepest nesting of objects and arrays; real documents nest about 20 deep, a schema of
 *                   schemas rarely beyond 40
 * @param maxAliases the most YAML aliases of collections ({@code *name} pointing at a mapping or list); real
 *                   documents use a handful, the 416-byte "billion laughs" about ninety
 * @param maxNodes   the most values (objects, arrays, scalars) in the document once YAML aliases are expanded;
 *                   bounds the memory of a tree built from a few aliases of aliases
 */
public record SpecBounds(int maxBytes, int maxDepth, int maxAliases, int maxNodes) {
    public static final int DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 100;
    public static final int DEFAULT_MAX_ALIASES = 20;
    public static final int DEFAULT_MAX_NODES = 500_000;

    public SpecBounds {
        positive("maxBytes", maxBytes);
        positive("maxDepth", maxDepth);
        positive("maxAliases", maxAliases);
        positive("maxNodes", maxNodes);
    }

    /** The default structural bounds with the given size bound. */
    public static SpecBounds ofMaxBytes(int maxBytes) {
        return new SpecBounds(maxBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NODES);
    }

    public static SpecBounds defaults() {
        return ofMaxBytes(DEFAULT_MAX_BYTES);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("SpecBounds." + name + " must be positive, was " + value);
        }
    }
}
