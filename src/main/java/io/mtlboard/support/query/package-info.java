/**
 * Validation of query parameters shared by the API and the pages: every invalid parameter listed
 * at once with its allowed values.
 */
package io.mtlboard.support.query;
