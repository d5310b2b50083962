/**
 * Intake: API tokens and daily quotas, the TorchScript file check and the content-addressed
 * artifact store.
 */
package io.mtlboard.submission;
