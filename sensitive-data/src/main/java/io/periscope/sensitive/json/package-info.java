/**
 * Streaming sensitive-data detection over JSON bodies: {@link io.periscope.sensitive.json.JsonValueScanner} walks a
 * document byte by byte with bounded depth and value length, {@link io.periscope.sensitive.json.JsonBodyScan} applies
 * the detectors to what it reports and sums the hits per type and JSON path.
 */
package io.periscope.sensitive.json;
