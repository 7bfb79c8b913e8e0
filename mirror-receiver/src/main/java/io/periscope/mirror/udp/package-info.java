/** Network listeners: the UDP receiver (epoll with SO_REUSEPORT and recvmmsg, NIO fallback) and the TCP health-check listener. */
package io.periscope.mirror.udp;
