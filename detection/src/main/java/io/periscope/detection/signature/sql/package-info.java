/**
 * SQL injection by lexical analysis. {@link io.periscope.detection.signature.sql.SqlLexer} tokenizes a value as SQL
 * would, starting in each context a value is plausibly pasted into ({@link
 * io.periscope.detection.signature.sql.InjectionContext}: inside a single- or double-quoted literal, or bare);
 * {@link io.periscope.detection.signature.sql.SqlJudge} walks the tokens with a small expression grammar and decides
 * whether the value leaves its literal and goes on as valid SQL that does something an input never needs to
 * (UNION SELECT, a stacked statement, a delay, an error-based extraction, a boolean condition, a truncating comment).
 * Prose fails the grammar early ({@code O'Brien}: a string followed by a word), which is what keeps false positives
 * down without a list of allowed values.
 */
package io.periscope.detection.signature.sql;
