package io.periscope.detection.signature.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written SQL tokenizer covering the lexical forms of the common dialects: quoted strings with doubled and
 * backslash-escaped quotes, {@code x'..'}/{@code N'..'} literals, backticked names, decimal, float and hex numbers,
 * one- to three-character operators, {@code --} and {@code #} line comments and block comments. A closed block
 * comment is whitespace ({@code UNION/**}{@code /SELECT} is {@code UNION SELECT}); a MySQL executable comment
 * {@code /*!50000 ... *}{@code /} is lexed as the code it holds, as MySQL does.
 *
 * <p>One pass, no backtracking; at most {@code maxTokens} tokens, after which the value is cut (the judge treats a
 * cut value as not ending cleanly).
 */
public final class SqlLexer {

    /** A word longer than this is not a keyword or function the judge knows; its text is not kept. */
    private static final int MAX_WORD_TEXT = 40;

    /** The text of one-character operators, shared: the lexer's hot path allocates no string for them. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private SqlLexer() {
    }

    /** The tokens of {@code value} read as if pasted where {@code context} says. */
    public static List<SqlToken> tokenize(String value, InjectionContext context, int maxTokens) {
        // sized for the value: most are a few words, and this list is made per value and context
        List<SqlToken> tokens = new ArrayList<>(Math.min(maxTokens, 4 + value.length() / 4));
        int n = value.length();
        int i = 0;
        if (context.quoted()) {
            // No backslash escapes in the literal the context opens: against an application that escapes quotes
            // with a backslash, the attacker's own backslash before the quote is what closes the literal ("\' or 1=1").
            int end = stringEnd(value, 0, context.quote(), false);
            tokens.add(new SqlToken(SqlTokenType.STRING, content(value, 0, end), -1, Math.min(end, n), end <= n));
            i = end;
        }
        boolean inExecutableComment = false;
        while (i < n && tokens.size() < maxTokens) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == '\0' || c == '\u00A0') {
                i++;
                continue;
            }
            int start = i;
            if (c == '/' && i + 1 < n && value.charAt(i + 1) == '*') {
                if (i + 2 < n && value.charAt(i + 2) == '!') {
                    // MySQL executes what an executable comment holds; skip the marker and its version number.
                    i += 3;
                    while (i < n && Character.isDigit(value.charAt(i))) {
                        i++;
                    }
                    inExecutableComment = true;
                    continue;
                }
                int close = value.indexOf("*/", i + 2);
                if (close < 0) {
                    tokens.add(new SqlToken(SqlTokenType.COMMENT, "", start, n, true));
                    break;
                }
                i = close + 2;
                continue;
            }
            if (c == '*' && inExecutableComment && i + 1 < n && value.charAt(i + 1) == '/') {
                inExecutableComment = false;
                i += 2;
                continue;
            }
            if ((c == '-' && i + 1 < n && value.charAt(i + 1) == '-') || c == '#') {
                int eol = lineEnd(value, i);
                tokens.add(new SqlToken(SqlTokenType.COMMENT, "", start, eol, true));
                i = eol;
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = stringEnd(value, i + 1, c, true);
                tokens.add(new SqlToken(SqlTokenType.STRING, content(value, i + 1, end), start, Math.min(end, n),
                        end <= n));
                i = Math.min(end, n);
                continue;
            }
            if (c == '`') {
                int close = value.indexOf('`', i + 1);
                int end = close < 0 ? n : close + 1;
                tokens.add(new SqlToken(SqlTokenType.WORD, "", start, end, close >= 0));
                i = end;
                continue;
            }
            if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(value.charAt(i + 1)))) {
                i = number(value, i, tokens);
                continue;
            }
            if (c == '@') {
                int j = i + 1;
                if (j < n && value.charAt(j) == '@') {
                    j++;
                }
                while (j < n && isWordPart(value.charAt(j))) {
                    j++;
                }
                tokens.add(new SqlToken(SqlTokenType.VARIABLE, lower(value, start, j), start, j, true));
                i = j;
                continue;
            }
            if (isWordStart(c)) {
                i = word(value, i, tokens);
                continue;
            }
            i = operator(value, i, tokens);
        }
        return tokens;
    }

    /** Index after the closing quote of a literal whose content starts at {@code from}; {@code n+1} if unclosed. */
    private static int stringEnd(String value, int from, char quote, boolean backslashEscapes) {
        int n = value.length();
        int i = from;
        while (i < n) {
            char c = value.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < n) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && value.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n + 1;
    }

    /** The content of a literal from {@code from} to its closing quote at {@code end - 1} (or the value's end). */
    private static String content(String value, int from, int end) {
        int to = Math.min(end - 1, value.length());
        return to - from <= MAX_WORD_TEXT && to >= from ? value.substring(from, to) : "";
    }

    private static int lineEnd(String value, int from) {
        int eol = value.indexOf('\n', from);
        return eol < 0 ? value.length() : eol;
    }

    private static int number(String value, int i, List<SqlToken> tokens) {
        int n = value.length();
        int start = i;
        if (value.charAt(i) == '0' && i + 1 < n && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X'
                || value.charAt(i + 1) == 'b' || value.charAt(i + 1) == 'B')) {
            int j = i + 2;
            while (j < n && Character.digit(value.charAt(j), 16) >= 0) {
                j++;
            }
            if (j > i + 2 && (j >= n || !isWordPart(value.charAt(j)))) {
                tokens.add(new SqlToken(SqlTokenType.NUMBER, "", start, j, true));
                return j;
            }
        }
        int j = i;
        while (j < n && isDigit(value.charAt(j))) {
            j++;
        }
        if (j < n && value.charAt(j) == '.') {
            j++;
            while (j < n && isDigit(value.charAt(j))) {
                j++;
            }
        }
        if (j + 1 < n && (value.charAt(j) == 'e' || value.charAt(j) == 'E')
                && (isDigit(value.charAt(j + 1)) || ((value.charAt(j + 1) == '-' || value.charAt(j + 1) == '+')
                        && j + 2 < n && isDigit(value.charAt(j + 2))))) {
            j += 2;
            while (j < n && isDigit(value.charAt(j))) {
                j++;
            }
        }
        boolean integer = true;
        for (int k = start; k < j; k++) {
            if (!isDigit(value.charAt(k))) {
                integer = false;
                break;
            }
        }
        if (j < n && isWordPart(value.charAt(j)) && integer) {
            // "3pm", "43751883h", "7u6can": a word that starts with digits, not a number. A float ends where its
            // digits end, as MySQL lexes it: "1e0union select" is 1e0 followed by UNION.
            return word(value, start, tokens);
        }
        tokens.add(new SqlToken(SqlTokenType.NUMBER, "", start, j, true));
        return j;
    }

    private static int word(String value, int i, List<SqlToken> tokens) {
        int n = value.length();
        int start = i;
        int j = i;
        while (j < n) {
            char c = value.charAt(j);
            if (isWordPart(c)) {
                j++;
            } else if (c == '.' && j + 1 < n && (isWordStart(value.charAt(j + 1)) || value.charAt(j + 1) == '.')) {
                // qualified names: information_schema.tables, dbms_lock.sleep, master..sysdatabases
                j++;
            } else {
                break;
            }
        }
        // x'41', N'text', b'01', _utf8'..': a prefixed string literal
        if (j < n && value.charAt(j) == '\'' && (isLiteralPrefix(value, start, j) || value.charAt(start) == '_')) {
            int end = stringEnd(value, j + 1, '\'', true);
            tokens.add(new SqlToken(SqlTokenType.STRING, "", start, Math.min(end, value.length()), end <= n));
            return Math.min(end, n);
        }
        String text = j - start <= MAX_WORD_TEXT ? lower(value, start, j) : "";
        int k = j;
        while (k < n && (value.charAt(k) == ' ' || value.charAt(k) == '\t')) {
            k++;
        }
        SqlTokenType type;
        if (SqlVocabulary.LOGIC_WORDS.contains(text)) {
            type = SqlTokenType.LOGIC;
        } else if (text.equals("not")) {
            type = SqlTokenType.NOT;
        } else if (SqlVocabulary.COMPARE_WORDS.contains(text)
                && !(j < n && value.charAt(j) == '(' && SqlVocabulary.FUNCTION_LIKE_OPERATORS.contains(text))) {
            type = SqlTokenType.COMPARE;
        } else if (SqlVocabulary.ARITH_WORDS.contains(text)) {
            type = SqlTokenType.ARITH;
        } else if (k < n && value.charAt(k) == '(' && !text.isEmpty()
                && !(SqlVocabulary.KEYWORDS.contains(text) && !SqlVocabulary.KEYWORD_FUNCTIONS.contains(text))) {
            type = SqlTokenType.FUNCTION;
        } else if (SqlVocabulary.KEYWORDS.contains(text)) {
            type = SqlTokenType.KEYWORD;
        } else {
            type = SqlTokenType.WORD;
        }
        tokens.add(new SqlToken(type, text, start, j, true));
        return j;
    }

    private static int operator(String value, int i, List<SqlToken> tokens) {
        int n = value.length();
        char c = value.charAt(i);
        char d = i + 1 < n ? value.charAt(i + 1) : '\0';
        char e = i + 2 < n ? value.charAt(i + 2) : '\0';
        SqlTokenType type;
        int len = 1;
        switch (c) {
            case '(' -> type = SqlTokenType.LPAREN;
            case ')' -> type = SqlTokenType.RPAREN;
            case ',' -> type = SqlTokenType.COMMA;
            case ';' -> type = SqlTokenType.SEMICOLON;
            case '*' -> type = SqlTokenType.STAR;
            case '=' -> {
                type = SqlTokenType.COMPARE;
                len = d == '=' ? 2 : 1;
            }
            case '<' -> {
                type = d == '<' ? SqlTokenType.ARITH : SqlTokenType.COMPARE;
                len = d == '=' && e == '>' ? 3 : (d == '=' || d == '>' || d == '<') ? 2 : 1;
            }
            case '>' -> {
                type = d == '>' ? SqlTokenType.ARITH : SqlTokenType.COMPARE;
                len = d == '=' || d == '>' ? 2 : 1;
            }
            case '!' -> {
                type = d == '=' ? SqlTokenType.COMPARE : SqlTokenType.NOT;
                len = d == '=' ? 2 : 1;
            }
            case '&' -> {
                type = d == '&' ? SqlTokenType.LOGIC : SqlTokenType.ARITH;
                len = d == '&' ? 2 : 1;
            }
            case '|' -> {
                type = d == '|' ? SqlTokenType.LOGIC : SqlTokenType.ARITH;
                len = d == '|' ? 2 : 1;
            }
            case '+', '-', '/', '%', '^', '~' -> type = SqlTokenType.ARITH;
            case ':' -> {
                // ":=" assigns (MySQL), "::" casts (PostgreSQL); a lone colon is not SQL
                type = d == '=' ? SqlTokenType.COMPARE : d == ':' ? SqlTokenType.ARITH : SqlTokenType.OTHER;
                len = d == '=' || d == ':' ? 2 : 1;
            }
            default -> type = SqlTokenType.OTHER;
        }
        String text = len == 1 && c < ONE_CHAR.length ? ONE_CHAR[c] : value.substring(i, i + len);
        tokens.add(new SqlToken(type, text, i, i + len, true));
        return i + len;
    }

    /** {@code x'..'}, {@code b'..'}, {@code N'..'}: a one-letter prefix that makes the quote a literal. */
    private static boolean isLiteralPrefix(String value, int start, int end) {
        if (end - start != 1) {
            return false;
        }
        char c = (char) (value.charAt(start) | 0x20);
        return c == 'x' || c == 'b' || c == 'n';
    }

    private static String lower(String value, int from, int to) {
        return value.substring(from, to).toLowerCase(Locale.ROOT);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
