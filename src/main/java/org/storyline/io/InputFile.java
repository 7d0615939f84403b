package org.storyline.io;

import org.storyline.config.InputFormat;

/**
 * One file to read, with the format it is read as (never {@link InputFormat#AUTO}).
 *
 * @param path fully qualified path
 * @param format how it is read
 * @param bytes size on disk (compressed size for compressed files)
 */
public record InputFile(String path, InputFormat format, long bytes) {}
