/**
 * Cross-cutting support: problem+json errors, configuration, request size and header guards,
 * security headers, start-up lock, import ledger, SHA-256 digests.
 */
package io.mtlboard.support;
