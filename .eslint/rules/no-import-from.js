// Forbid importing from whole folders of the repo (layers), whatever the relative path looks like.
// Which files the ban applies to is the flat config's `files`/`ignores`; the rule only resolves and compares.
import { isInside, onImportTargets } from '../import-targets.js';

export const noImportFrom = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow imports that resolve into the given repo folders.' },
    schema: [
      {
        type: 'object',
        properties: {
          folders: { type: 'array', items: { type: 'string' }, minItems: 1 },
          message: { type: 'string' },
        },
        required: ['folders', 'message'],
        additionalProperties: false,
      },
    ],
    messages: { banned: '{{target}}: {{message}}' },
  },
  create(context) {
    const [{ folders, message }] = context.options;
    return onImportTargets(context, (node, target) => {
      if (folders.some((folder) => isInside(target, folder))) context.report({ node, messageId: 'banned', data: { target, message } });
    });
  },
};
