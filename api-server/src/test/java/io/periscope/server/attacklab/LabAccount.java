package io.periscope.server.attacklab;

/**
 * A fictional account of the lab API.
 *
 * @param id       the JWT subject
 * @param username the sign-in name
 * @param password the password (fictional; the sensor redacts it before Kafka)
 * @param name     display name
 */
record LabAccount(String id, String username, String password, String name) {
}
