/** Capture files: streaming pcap and pcapng readers, deterministic single-threaded ingest, a pcap writer. */
package io.periscope.mirror.source;
