/**
 * Undoing what an attacker uses to hide a payload from a signature: percent-encoding (also double, {@code +} and
 * IIS {@code %uXXXX}), overlong UTF-8, HTML character references and JavaScript/C string escapes.
 *
 * <p>{@link io.periscope.detection.decode.Decoder#variants(String)} is the entry point: it yields the few distinct
 * decoded forms of a value, each bounded in length, that the signature detectors judge. Case folding is left to the
 * detectors (they compare keywords case-insensitively) and SQL comments to the SQL lexer, which knows where a comment
 * may stand.
 */
package io.periscope.detection.decode;
