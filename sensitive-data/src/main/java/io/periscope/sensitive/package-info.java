/**
 * Sensitive data detectors. Each detector validates what it matches (Luhn, IIN ranges, mod-97, SSN area
 * rules, libphonenumber, JWT header decoding...) and reports a confidence that the field name raises or
 * lowers; {@link io.periscope.sensitive.SensitiveScanner} layers message-level evidence on top
 * (a card expiry only counts next to a valid card number) and keeps only masked values.
 */
package io.periscope.sensitive;
