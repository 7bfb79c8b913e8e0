/**
 * The Kafka Streams application of discovery: consumes {@code periscope.exchanges} and
 * {@code periscope.template-rules}, keeps the catalog in a state store with a changelog topic, and writes
 * endpoint snapshots, changes and findings to their topics.
 */
package io.periscope.discovery.streams;
