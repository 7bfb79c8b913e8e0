package io.periscope.discovery.openapi;

/** Hostile API documents shared by the importer's tests and its fuzz test's seeds. */
public final class HostileSpecs {
    private HostileSpecs() {
    }

    /**
     * The 416-byte "billion laughs": {@code openapi: 3.0.0} and nine levels of nested aliases in an {@code x-}
     * field, 10^9 strings once expanded.
     */
    public static final String BILLION_LAUGHS = """
            openapi: 3.0.0
            info: {title: l, version: "1"}
            x-laughs:
              a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
              b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
              c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
              d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
              e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
              f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
              g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
              h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
              i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    /**
     * Twenty aliases (within the alias bound) that multiply: a list of 10,000 numbers, ten aliases of it, ten
     * aliases of that: a million values once expanded, beyond the node bound, from 30 KB.
     */
    public static String multiplyingAliases() {
        String base = "1, ".repeat(9_999) + "1";
        String ten = (" *l0,".repeat(10));
        String hundred = (" *l1,".repeat(10));
        return "openapi: 3.0.0\nx-0: &l0 [" + base + "]\nx-1: &l1 [" + ten.substring(0, ten.length() - 1) + "]\nx-2: ["
                + hundred.substring(0, hundred.length() - 1) + "]\n";
    }
}
