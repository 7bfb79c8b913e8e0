/**
 * Path templating: typed segments become parameters at once, literal-looking segments stay literal unless
 * sibling evidence shows they are identifiers, a dictionary guard protects real words, user rules override
 * both, and parameters are named from the preceding resource segment.
 */
package io.periscope.discovery.template;
