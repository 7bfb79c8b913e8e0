/**
 * A compact binary form for detection's internal records (repartition topics, stored state): varint lengths,
 * fixed-width numbers, UTF-8 strings, every length and count bounded on read. Formats built on it put a version
 * byte first, so a reader can tell them from the JSON that earlier builds wrote.
 */
package io.periscope.detection.streams.binary;
