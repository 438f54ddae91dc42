/**
 * AutoMod: Discord's auto-moderation rule model ({@code rules}: objects, JSON, validation), normalisation against
 * evasion ({@code text}) and precompiled rule evaluation ({@code engine}), for inline use by core-server and in
 * the stream by stream-analytics. The DJL classifier arrives in a later slice of issue #6; nothing calls this yet.
 */
package dev.guildhall.automod;
