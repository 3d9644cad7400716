/**
 * Project contents as plain data, independent of where they are kept: what importers produce, what the project file
 * writes and reads back, and what the project bundle serialises. Documents are referred to by a key that is unique
 * within one {@link io.rerankworkbench.core.project.ProjectData}; queries by their user-visible id.
 */
package io.rerankworkbench.core.project;
