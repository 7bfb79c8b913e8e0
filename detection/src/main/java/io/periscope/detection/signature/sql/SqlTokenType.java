package io.periscope.detection.signature.sql;

/** The classes of SQL token the judge reasons about; a token's text refines a few of them. */
public enum SqlTokenType {
    /** A quoted literal ({@code '..'}, {@code ".."}, {@code x'..'}, {@code N'..'}); may be unterminated. */
    STRING,
    /** A numeric literal: decimal, float, exponent, {@code 0x..}, {@code 0b..}. */
    NUMBER,
    /** A name or a word the table does not know (column, table, alias, prose); backticked names too. */
    WORD,
    /** A word the keyword table knows ({@code select}, {@code union}, {@code from}, {@code null}...). */
    KEYWORD,
    /** A word directly followed by {@code (}: a function call. */
    FUNCTION,
    /** {@code @x} or {@code @@version}. */
    VARIABLE,
    /** {@code and or xor && ||}. */
    LOGIC,
    /** {@code not} or {@code !}: unary negation. */
    NOT,
    /** {@code = < > <= >= <> != <=> like rlike regexp is in between sounds glob}. */
    COMPARE,
    /** Arithmetic and bit operators: {@code + - / % & | ^ ~ << >> div mod}. */
    ARITH,
    /** {@code *}: multiplication or "all columns". */
    STAR,
    LPAREN,
    RPAREN,
    COMMA,
    SEMICOLON,
    /** A comment that runs to the end of the line or value: {@code --}, {@code #}, unterminated block comment. */
    COMMENT,
    /** A character SQL has no use for here ({@code { } [ ] ? : \ $}): prose, JSON or markup. */
    OTHER
}
