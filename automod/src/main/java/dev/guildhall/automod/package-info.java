/**
 * AutoMod: Discord's auto-moderation rule model ({@code rules}: objects, JSON, validation), normalisation against
 * evasion ({@code text}) and precompiled rule evaluation ({@code engine}), for inline use by core-server and in
 * the stream by stream-analytics; and the DJL text classifier ({@code ml}: safe/spam/toxic/harassment scores for
 * ML rules) with its training, evaluation and scoring CLI.
 */
package dev.guildhall.automod;
