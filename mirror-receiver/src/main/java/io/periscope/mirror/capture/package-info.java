/** Live capture from a network interface through libpcap (pcap4j). */
package io.periscope.mirror.capture;
