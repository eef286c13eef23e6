/** Security, engine and web configuration; no business types. */
package io.backorderengine.system;
