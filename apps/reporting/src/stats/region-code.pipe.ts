import { Injectable, type PipeTransform } from '@nestjs/common';
import { regionPrefix } from '@monitoring/domain';
import { invalidParameter } from '../http/zod-query.pipe';

/** A region code or prefix in the path, as its significant prefix (`410000000000` → `41`); 400 otherwise. */
@Injectable()
export class RegionCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const prefix = regionPrefix(value);
    if (prefix === undefined) {
      throw invalidParameter(
        'regionCode',
        'should be a region code or prefix of 2, 4, 6, 9 or 12 digits starting with a province code',
        'invalid_path',
      );
    }
    return prefix;
  }
}
