package io.periscope.detection.signature.sql;

import static io.periscope.detection.signature.sql.SqlTokenType.COMMENT;
import static io.periscope.detection.signature.sql.SqlTokenType.COMPARE;
import static io.periscope.detection.signature.sql.SqlTokenType.FUNCTION;
import static io.periscope.detection.signature.sql.SqlTokenType.KEYWORD;
import static io.periscope.detection.signature.sql.SqlTokenType.LOGIC;
import static io.periscope.detection.signature.sql.SqlTokenType.LPAREN;
import static io.periscope.detection.signature.sql.SqlTokenType.NUMBER;
import static io.periscope.detection.signature.sql.SqlTokenType.RPAREN;
import static io.periscope.detection.signature.sql.SqlTokenType.STRING;
import static io.periscope.detection.signature.sql.SqlTokenType.VARIABLE;
import static io.periscope.detection.signature.sql.SqlTokenType.WORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<SqlTokenType> types(String value, InjectionContext context) {
        return SqlLexer.tokenize(value, context, 100).stream().map(SqlToken::type).toList();
    }

    @Test
    void quotedContextStartsInsideALiteralThatTheValueCloses() {
        List<SqlToken> tokens = SqlLexer.tokenize("abc' or 1=1", InjectionContext.SINGLE_QUOTED, 100);
        assertThat(tokens.get(0).type()).isEqualTo(STRING);
        assertThat(tokens.get(0).closed()).isTrue();
        assertThat(tokens.stream().map(SqlToken::type).toList()).containsExactly(STRING, LOGIC, NUMBER, COMPARE, NUMBER);
    }

    @Test
    void aValueThatNeverClosesItsLiteralIsOneUnterminatedString() {
        List<SqlToken> tokens = SqlLexer.tokenize("no quote here or 1=1", InjectionContext.SINGLE_QUOTED, 100);
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).closed()).isFalse();
    }

    @Test
    void doubledAndBackslashEscapedQuotesStayInsideTheLiteral() {
        assertThat(types("'it''s' 'a\\'b'", InjectionContext.BARE)).containsExactly(STRING, STRING);
    }

    @Test
    void closedBlockCommentsAreWhitespaceAndLineCommentsAreTokens() {
        assertThat(types("union/**/select 1 -- rest", InjectionContext.BARE)).containsExactly(KEYWORD, KEYWORD, NUMBER,
                COMMENT);
        assertThat(types("1 #x", InjectionContext.BARE)).containsExactly(NUMBER, COMMENT);
        assertThat(types("1 /* open", InjectionContext.BARE)).containsExactly(NUMBER, COMMENT);
    }

    @Test
    void mysqlExecutableCommentContentIsCode() {
        assertThat(types("/*!50000union*/ /*!select*/ 1", InjectionContext.BARE)).containsExactly(KEYWORD, KEYWORD,
                NUMBER);
    }

    @Test
    void numbersIncludeHexFloatsAndExponentsButNotWordsStartingWithDigits() {
        assertThat(types("0x7171 1.5e10 .5 3pm", InjectionContext.BARE)).containsExactly(NUMBER, NUMBER, NUMBER, WORD);
    }

    @Test
    void keywordsAreCaseInsensitiveAndFunctionsAreWordsBeforeAParenthesis() {
        List<SqlToken> tokens = SqlLexer.tokenize("SeLeCt SLEEP (5)", InjectionContext.BARE, 100);
        assertThat(tokens.stream().map(SqlToken::type).toList()).containsExactly(KEYWORD, FUNCTION, LPAREN, NUMBER,
                RPAREN);
        assertThat(tokens.get(1).text()).isEqualTo("sleep");
    }

    @Test
    void qualifiedNamesAndVariablesAreSingleTokens() {
        List<SqlToken> tokens = SqlLexer.tokenize("master..sysdatabases @@version", InjectionContext.BARE, 100);
        assertThat(tokens.stream().map(SqlToken::type).toList()).containsExactly(WORD, VARIABLE);
        assertThat(tokens.get(0).text()).isEqualTo("master..sysdatabases");
    }

    @Test
    void prefixedLiteralsAreStringsButOBrienIsNot() {
        assertThat(types("x'41' N'abc'", InjectionContext.BARE)).containsExactly(STRING, STRING);
        assertThat(types("O'Brien", InjectionContext.BARE)).containsExactly(WORD, STRING);
    }

    @Test
    void tokenCountIsBounded() {
        assertThat(SqlLexer.tokenize("1,".repeat(10_000), InjectionContext.BARE, 64)).hasSize(64);
    }
}
