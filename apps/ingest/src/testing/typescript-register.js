// Lets a child process of an integration test run the TypeScript sources with the repository's path
// aliases (the project has no ts-node): `fork(script.ts, { execArgv: ['-r', thisFile] })`.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../../..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const aliases = Object.entries(config.compilerOptions.paths).map(([pattern, [target]]) => ({
  pattern,
  target,
}));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const { pattern, target } of aliases) {
    if (pattern.endsWith('/*')) {
      const prefix = pattern.slice(0, -1);
      if (request.startsWith(prefix)) {
        return resolveFilename.call(
          this,
          path.join(root, target.slice(0, -1), request.slice(prefix.length)),
          ...rest,
        );
      }
    } else if (request === pattern) {
      return resolveFilename.call(this, path.join(root, target), ...rest);
    }
  }
  return resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
