/**
 * Finding every input location of an exchange: path segments, query names and values, headers, cookies, form and
 * multipart fields, JSON keys and values at any depth, and an XML or text body whole; bounded per exchange
 * ({@link io.periscope.detection.signature.locate.LocateLimits}) with every cap counted
 * ({@link io.periscope.detection.signature.locate.Cap}). Redaction and masking markers are skipped: they are the
 * sensor's, not the client's.
 */
package io.periscope.detection.signature.locate;
