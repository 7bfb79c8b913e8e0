/**
 * The live catalog of one stream task: services, endpoints and their aggregates, updated per exchange by
 * {@link io.periscope.discovery.catalog.CatalogEngine}, snapshotted to
 * {@link io.periscope.events.catalog.EndpointSnapshot} records on flush.
 */
package io.periscope.discovery.catalog;
