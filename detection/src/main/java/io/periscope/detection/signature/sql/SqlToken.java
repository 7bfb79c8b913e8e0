package io.periscope.detection.signature.sql;

/**
 * One token of a value lexed as SQL.
 *
 * @param type   its class
 * @param text   lower-cased text of words, keywords, functions and variables, the symbol of an operator, the
 *               content of a short string literal (what the judge compares); empty for numbers, comments and long
 *               words or literals
 * @param start  offset of its first character in the value (-1 for the literal opened by the context)
 * @param end    offset after its last character
 * @param closed for STRING: the closing quote is present; true for every other type
 */
public record SqlToken(SqlTokenType type, String text, int start, int end, boolean closed) {

    public boolean is(SqlTokenType t, String word) {
        return type == t && text.equals(word);
    }

    public boolean isKeyword(String word) {
        return type == SqlTokenType.KEYWORD && text.equals(word);
    }
}
