/**
 * AutoMod: Discord's auto-moderation rule model plus a DJL text classifier, used inline by core-server and in the
 * stream by stream-analytics. Empty in the walking skeleton: the AutoMod issue (#6) builds it; nothing calls it yet.
 */
package dev.guildhall.automod;
