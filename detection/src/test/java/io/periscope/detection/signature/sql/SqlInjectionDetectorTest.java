package io.periscope.detection.signature.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlInjectionDetectorTest {

    private static final InputLocation Q = new InputLocation(LocationKind.QUERY_VALUE, "id");
    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    /** The most confident match over the value's decoded forms, as the signature pass picks it. */
    private Optional<Match> inspect(String value) {
        return detector.inspectForms(Decoder.variants(value), Q, null);
    }

    private String rule(String value) {
        return inspect(value).map(Match::rule).orElse("none");
    }

    @Test
    void reportsTheSqlInjectionClass() {
        assertThat(detector.attackClass()).isEqualTo(AttackClass.SQL_INJECTION);
        assertThat(inspect("' OR 1=1--")).get().extracting(Match::attackClass).isEqualTo(AttackClass.SQL_INJECTION);
    }

    @Test
    void tautologyAfterClosingSingleQuoteIsABooleanCondition() {
        assertThat(rule("' or '1'='1")).isEqualTo("sqli.boolean-condition");
        assertThat(rule("admin' OR 1=1 -- -")).isEqualTo("sqli.boolean-condition");
    }

    @Test
    void tautologyAfterClosingDoubleQuoteIsDetected() {
        assertThat(rule("\" or \"a\"=\"a")).isEqualTo("sqli.boolean-condition");
    }

    @Test
    void numericContextBooleanBlindIsDetected() {
        assertThat(rule("1 AND 1=1")).isEqualTo("sqli.boolean-condition");
        assertThat(rule("5) and (3=3")).isEqualTo("sqli.boolean-condition");
    }

    @Test
    void unionSelectIsDetectedInEveryContext() {
        assertThat(rule("-1 UNION ALL SELECT NULL,NULL,version()--")).isEqualTo("sqli.union-select");
        assertThat(rule("x' union select username, password from users--")).isEqualTo("sqli.union-select");
    }

    @Test
    void mixedCaseKeywordsAreRecognised() {
        assertThat(rule("1 UnIoN SeLeCt 1,2,3")).isEqualTo("sqli.union-select");
    }

    @Test
    void inlineCommentsAsWhitespaceDoNotHideKeywords() {
        assertThat(rule("1/**/union/**/select/**/1,2")).isEqualTo("sqli.union-select");
    }

    @Test
    void mysqlExecutableCommentsAreLexedAsCode() {
        assertThat(rule("1 /*!50000UNION*/ /*!50000SELECT*/ 1,2--")).isEqualTo("sqli.union-select");
    }

    @Test
    void doubleEncodedPayloadIsDetectedAfterDecoding() {
        assertThat(rule("%2527%2520or%25201%253D1--")).isEqualTo("sqli.boolean-condition");
    }

    @Test
    void htmlEntityEncodedQuoteIsDetectedAfterDecoding() {
        assertThat(rule("&#39; or 1=1--")).isEqualTo("sqli.boolean-condition");
    }

    @Test
    void backslashBeforeTheQuoteDefeatsBackslashEscapingAndIsDetected() {
        assertThat(rule("\\' or 1=1-- ")).isEqualTo("sqli.boolean-condition");
    }

    @Test
    void floatGluedToAKeywordIsLexedAsMySqlDoes() {
        assertThat(rule("1e0union select 1,2")).isEqualTo("sqli.union-select");
    }

    @Test
    void aSecondStatementRightAfterTheQuoteIsStacked() {
        assertThat(rule("x' insert into users (name) values ('eve')--")).isEqualTo("sqli.stacked-query");
    }

    @Test
    void stackedQueryAfterSemicolonIsDetected() {
        assertThat(rule("1; DROP TABLE users--")).isEqualTo("sqli.stacked-query");
        assertThat(rule("x'; insert into admins values ('eve')--")).isEqualTo("sqli.stacked-query");
    }

    @Test
    void timeBasedFunctionsAreDetected() {
        assertThat(rule("1' AND SLEEP(5)-- ")).isEqualTo("sqli.time-delay");
        assertThat(rule("1 and benchmark(5000000,md5(1))")).isEqualTo("sqli.time-delay");
        assertThat(rule("';select pg_sleep(10)--")).isIn("sqli.stacked-query", "sqli.time-delay");
        assertThat(rule("1'; WAITFOR DELAY '0:0:5'--")).isIn("sqli.stacked-query", "sqli.time-delay");
    }

    @Test
    void errorBasedExtractionFunctionsAreDetected() {
        assertThat(rule("1 and extractvalue(1,concat(0x7e,version()))")).isEqualTo("sqli.error-extraction");
        assertThat(rule("' and updatexml(1,concat(0x7e,(select user())),1)-- ")).isIn("sqli.error-extraction",
                "sqli.subquery");
    }

    @Test
    void commentTruncationAfterQuoteIsDetected() {
        assertThat(rule("admin'--")).isEqualTo("sqli.comment-truncation");
        assertThat(rule("admin'#")).isEqualTo("sqli.comment-truncation");
        assertThat(rule("admin'/*")).isEqualTo("sqli.comment-truncation");
    }

    @Test
    void orderByProbesAreDetected() {
        assertThat(rule("1 ORDER BY 3--")).isEqualTo("sqli.order-by-probe");
        assertThat(rule("' order by 10#")).isEqualTo("sqli.order-by-probe");
    }

    @Test
    void subqueryInConcatenationIsDetected() {
        assertThat(rule("x'||(select password from users limit 1)||'")).isEqualTo("sqli.subquery");
    }

    @Test
    void commandExecutionProcedureIsDetected() {
        assertThat(rule("'; exec master..xp_cmdshell 'ping 10.0.0.1'--")).isIn("sqli.stacked-query",
                "sqli.command-exec");
    }

    @Test
    void evidenceStartsWhereTheInjectionStarts() {
        assertThat(inspect("john' UNION SELECT 1,2--")).get().extracting(Match::evidence)
                .isEqualTo("john' UNION SELECT 1,2--");
        assertThat(inspect("1 UNION SELECT 1,2")).get().extracting(Match::evidence).isEqualTo("1 UNION SELECT 1,2");
    }

    @Test
    void strongFeaturesAreMoreConfidentThanWeakOnes() {
        double strong = inspect("1 union select 1,2").orElseThrow().confidence();
        double weak = inspect("' or 'a'='a").orElseThrow().confidence();
        assertThat(strong).isGreaterThan(weak);
    }

    @ParameterizedTest
    @ValueSource(strings = {"O'Brien", "select a plan", "Select all that apply", "1=1 match", "Dunkin' or Starbucks",
        "McDonald's; drop by later", "union select committee", "it's 1=1 for sure", "size > 5 and price < 10",
        "sleep(5 hours)", "benchmark(s) and sleep(s)", "drop table lamp", "where is my order",
        "Rock 'n' roll or jazz", "he said \"yes\" or \"no\"", "5 and 6", "1 or 2", "order by price",
        "john.o'connor@example.ie", "50% off -- today only", "#ff0000", "C++ or Java", "2024-01-15",
        "{\"query\":\"select a plan\",\"n\":1}", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-_def",
        "Don't forget -- it's due tomorrow", "type 'yes' or 'no'", "x = y + 1", "The 'and' operator",
        "x' is the variable"})
    void benignValuesWithSqlWordsAreNotInjections(String value) {
        assertThat(inspect(value)).isEmpty();
    }

    @Test
    void aValueThatStaysInsideItsLiteralIsNotAnInjection() {
        assertThat(inspect("or 1=1 is a famous string")).isEmpty();
    }

    @Test
    @Timeout(10)
    void hostileValuesAreJudgedInBoundedTime() {
        String[] hostile = {"'".repeat(100 * 1024), "(".repeat(100 * 1024), "1 or ".repeat(20 * 1024),
            "/*".repeat(50 * 1024), "/*!".repeat(30 * 1024), "a.".repeat(50 * 1024),
            "' or 1=1 ".repeat(10 * 1024) + "--", "select ".repeat(14 * 1024), ";".repeat(100 * 1024),
            "x".repeat(100 * 1024), "0x".repeat(50 * 1024), "\"\\".repeat(50 * 1024)};
        long start = System.nanoTime();
        for (String value : hostile) {
            for (String form : Decoder.variants(value)) {
                detector.inspect(form, Q);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anInjectionAfterTheTokenBoundIsStillFoundWhenItComesFirst() {
        String value = "1 union select 1,2 " + ", 1".repeat(SqlInjectionDetector.MAX_TOKENS);
        assertThat(detector.inspect(value, Q)).isPresent();
    }
}
