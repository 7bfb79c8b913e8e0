package io.periscope.detection.signature.sql;

/** Where in a SQL statement a value is plausibly pasted; the lexer starts in that state. */
public enum InjectionContext {
    /** Bare: a number ({@code WHERE id = 5}), an ORDER BY column, or SQL text itself. */
    BARE('\0'),
    /** Inside {@code '...'}: the value breaks out only if it closes the literal. */
    SINGLE_QUOTED('\''),
    /** Inside {@code "..."} (MySQL strings). */
    DOUBLE_QUOTED('"');

    private final char quote;

    InjectionContext(char quote) {
        this.quote = quote;
    }

    /** The quote that opens the literal the value sits in; {@code '\0'} when bare. */
    public char quote() {
        return quote;
    }

    public boolean quoted() {
        return quote != '\0';
    }
}
