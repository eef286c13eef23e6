/**
 * Email: templates, sending through Spring's mail support, and the communication log.
 * {@link io.backorderengine.notification.Notifications} is the module's API.
 */
package io.backorderengine.notification;
