/**
 * Server-rendered pages (Qute): home, benchmark, leaderboard, method, run, analysis and
 * methodology pages. Pages render views from the services below, never entities; tables work
 * without JavaScript, charts are ES modules over the JSON API.
 */
package io.mtlboard.web;
